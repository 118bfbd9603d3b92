import AssetImport
import Foundation

/// Gaussian noise on the hand's action column, one std for the 6 wrist dimensions and one for
/// the 18 finger targets, clipped to [-1, 1]: how robust a controller is to the exploration
/// noise a learner adds (scripted-grasp library --wrist-noise), and DART demonstrations.
public struct ActionNoise: Sendable {
    /// Std of the wrist force / torque dimensions and of the finger targets, action units.
    public var wrist: Float, fingers: Float
    /// The generator's state.
    private var generator: SplitMix64

    public init(wrist: Float, fingers: Float, seed: UInt64) {
        self.wrist = wrist
        self.fingers = fingers
        generator = SplitMix64(seed: seed ^ 0xDA27)
    }

    /// True when both stds are 0 (perturb does nothing).
    public var isOff: Bool { wrist == 0 && fingers == 0 }

    /// Adds noise to `envCount` rows of `actions` [envCount, SceneLayout.actionCount].
    public mutating func perturb(_ actions: UnsafeMutablePointer<Float>, envCount: Int) {
        guard !isOff else { return }
        for k in 0..<(envCount * SceneLayout.actionCount) {
            let std = k % SceneLayout.actionCount < 6 ? wrist : fingers
            actions[k] = min(max(actions[k] + std * gaussian(), -1), 1)
        }
    }

    /// One standard normal sample (Box-Muller).
    private mutating func gaussian() -> Float {
        let u1 = max(generator.nextUnit(), 0x1p-24), u2 = generator.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
