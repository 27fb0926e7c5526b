/// LandKit: land acquisition (征地) and demolition (拆迁) tracking with a geospatial core.
public enum LandKitInfo {
    /// The LandKit version, written into every database's meta table.
    public static let version = "0.1.0"
}
