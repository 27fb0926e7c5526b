// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "LandKit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LandKit", targets: ["LandKit"]),
        .library(name: "LandKitStore", targets: ["LandKitStore"]),
        .executable(name: "landkit", targets: ["landkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLandKitGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .systemLibrary(
            name: "CLandKitPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        .systemLibrary(
            name: "CLandKitGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]
        ),
        .target(
            name: "LandKit",
            dependencies: [
                "CLandKitGEOS",
                "CLandKitPROJ",
                "CLandKitGDAL",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LandKitStore",
            dependencies: [
                "LandKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The PostgreSQL/PostGIS store (issue 17): the same LandStore over postgres-nio, for a city's many teams.
        .target(
            name: "LandKitPostgres",
            dependencies: [
                "LandKit",
                "LandKitStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `landkit serve`: the HTTP API and the web app over one store (Hummingbird 2), accounts hashed with bcrypt.
        .target(
            name: "LandKitServer",
            dependencies: [
                "LandKit",
                "LandKitStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LandKitCLI",
            dependencies: [
                "LandKit",
                "LandKitStore",
                "LandKitPostgres",
                "LandKitServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "landkit",
            dependencies: ["LandKitCLI"]
        ),
        // Test and benchmark helpers (append events without the workflow, time the engine): not a product, so
        // not installed with landkit; the tests and Scripts/bench run it from the build directory.
        .executableTarget(
            name: "landkit-testsupport",
            dependencies: [
                "LandKit",
                "LandKitStore",
                "LandKitPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/LandKitTestSupport"
        ),
        .executableTarget(
            name: "landkit-geodata",
            dependencies: ["LandKit"],
            path: "Sources/GeodataGenerator"
        ),
        // libFuzzer targets, one per parser (Scripts/fuzz), sharing the driver and replay tool of FuzzSupport.
        .target(name: "FuzzSupport", path: "Sources/Fuzz/Support"),
        .executableTarget(name: "fuzz-geojson", dependencies: ["LandKit", "FuzzSupport"], path: "Sources/Fuzz/GeoJSON"),
        .executableTarget(name: "fuzz-surveytxt", dependencies: ["LandKit", "FuzzSupport"], path: "Sources/Fuzz/SurveyTXT"),
        .executableTarget(name: "fuzz-csvfeatures", dependencies: ["LandKit", "FuzzSupport"], path: "Sources/Fuzz/CSVFeatures"),
        .executableTarget(name: "fuzz-statuscsv", dependencies: ["LandKit", "FuzzSupport"], path: "Sources/Fuzz/StatusCSV"),
        .executableTarget(name: "fuzz-wkt", dependencies: ["LandKit", "FuzzSupport"], path: "Sources/Fuzz/WKT"),
        .executableTarget(name: "fuzz-wkb", dependencies: ["LandKit", "FuzzSupport"], path: "Sources/Fuzz/WKB"),
        .executableTarget(
            name: "fuzz-gpkgbinary", dependencies: ["LandKit", "LandKitStore", "FuzzSupport"], path: "Sources/Fuzz/GeoPackageBinary"),
        .testTarget(name: "LandKitTests", dependencies: ["LandKit"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LandKitStoreTests",
            dependencies: [
                "LandKit", "LandKitStore", "LandKitPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "LandKitServerTests",
            dependencies: [
                "LandKitServer", "LandKit", "LandKitStore", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "LandKitCLITests",
            dependencies: [
                "LandKitCLI", "LandKit", "LandKitStore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
