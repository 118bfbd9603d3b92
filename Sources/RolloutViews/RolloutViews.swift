/// Drawing recorded world snapshots with RenderKit.
public enum RolloutViews {}
