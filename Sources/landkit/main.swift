import LandKitCLI

LandKitCommand.main()
