import Foundation
import LandKitCLI

LandKitCommand.mainWithExitCodes()
