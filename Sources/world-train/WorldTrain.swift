import ArgumentParser
import Cluster
import Foundation
import Training

/// `world-train`: train PPO or ACPPO on the grasping world, and evaluate checkpoints.
@main
struct WorldTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world-train",
        abstract: "Train PPO / ACPPO on the grasping world, evaluate a checkpoint, or export its policy.",
        subcommands: [Train.self, Eval.self, ProtocolCommand.self, Compare.self, Clone.self, Export.self], defaultSubcommand: Train.self)

    /// Parses the command, joins the `mpirun` job when started by one, runs. An error on any
    /// rank of a job ends the whole job with the error and the rank's number.
    static func main() {
        BLASSetup.selectKernel()
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        let job = Cluster.join(timeout: Job.collectiveTimeout)
        Job.communicator = job
        do {
            try command.run()
        } catch {
            if job.size > 1 { Cluster.abort(job, message: fullMessage(for: error)) }
            exit(withError: error)
        }
        Cluster.leave(job)
    }
}
