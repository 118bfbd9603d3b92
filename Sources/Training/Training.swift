/// Wires the ECS world to the learner: rollouts, training runs, evaluation.
public enum Training {}
