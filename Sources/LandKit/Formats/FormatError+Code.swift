extension FormatError {
    /// What kind of input problem this is, stable across message wording: the command line (or a server)
    /// turns a code into a hint of its own ("pass --crs …"), so the library never names a front end's options.
    public enum Code: String, Hashable, Sendable, Codable {
        /// The coordinates' CRS cannot be determined or does not fit what is declared; the user must state
        /// it (``FormatError/suggestedCRS`` or ``Diagnostic/suggestedCRS`` names the likely one, when known).
        case crsNeeded = "crs-needed"
        /// The file's format could not be recognised; the user may state it.
        case unknownFormat = "unknown-format"
        /// The text is not in the encoding it was read as, or mixes encodings; the user may state one.
        case encoding
        /// A feature has no id, or ids were taken from a fallback; the user may name the id property.
        case missingID = "missing-id"
        /// A map-app datum (GCJ-02, BD-09) was stated for coordinates that are not lon/lat.
        case datumNeedsLonLat = "datum-needs-lon-lat"
        /// The file has several layers and none was chosen.
        case layerNeeded = "layer-needed"
        /// The output is per project and no project was chosen.
        case projectNeeded = "project-needed"
        /// The output format has a fixed CRS and another one was asked for.
        case fixedCRS = "fixed-crs"
        /// A feature's id already came from another source file; the user may let this file replace it.
        case idFromOtherFile = "id-from-other-file"
        /// A point list was asked for, but the layer holds other geometries than points.
        case pointListNeedsPoints = "point-list-needs-points"
    }
}
