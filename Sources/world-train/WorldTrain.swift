import ArgumentParser
import Foundation
import Training

/// `world-train`: train PPO or ACPPO on the grasping world, and evaluate checkpoints.
@main
struct WorldTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world-train",
        abstract: "Train PPO / ACPPO on the grasping world, or evaluate a checkpoint.",
        subcommands: [Train.self, Eval.self, ProtocolCommand.self, Clone.self], defaultSubcommand: Train.self)

    static func main() {
        BLASSetup.selectKernel()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
