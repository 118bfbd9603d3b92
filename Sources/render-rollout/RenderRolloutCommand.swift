import ArgumentParser

/// `render-rollout`: pictures of policies grasping (frames, contact sheets) and training curves.
@main
struct RenderRolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-rollout",
        abstract: "Renders rollouts of grasping policies to PNG frames and contact sheets, and plots training curves.",
        subcommands: [RolloutCommand.self, CurvesCommand.self], defaultSubcommand: RolloutCommand.self)
}
