import LandKitCLI

await LandKitCommand.main()
