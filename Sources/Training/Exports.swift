@_exported import Learning
@_exported import SimWorld
