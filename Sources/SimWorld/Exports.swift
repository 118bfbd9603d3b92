@_exported import AssetImport
@_exported import ECSCore
