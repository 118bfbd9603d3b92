/// The phases of a world's step (flecs phases, MuJoCo stages). A world defines its own as an
/// enum whose case order is the run order (`Comparable` is synthesized in declaration order);
/// the core only sorts systems by phase and never names one.
public protocol SchedulePhase: CaseIterable, Comparable, Hashable, Sendable {}
