/// Point-cloud shape codes for objects (see ShapeEncoder).
public enum ShapeEncoding {}
