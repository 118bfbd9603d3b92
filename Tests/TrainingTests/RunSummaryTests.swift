import Testing
@testable import Training

/// The end-of-run category table averages per object within a category and keeps splits apart.
struct RunSummaryTests {
    @Test func categoryTableAveragesObjectsPerCategoryAndSplit() {
        let train = Evaluator.Result(split: "train", successRate: 0.5,
                                     perObject: ["cup-train-0001": 1, "cup-train-0002": 0.5, "box-30x30x30": 0], episodes: 12)
        let unseen = Evaluator.Result(split: "test_unseen", successRate: 0.25, perObject: ["mug-test_unseen-0003": 0.25], episodes: 4)
        let table = RunSummary.categoryTable([train, unseen])
        #expect(table == """
            success % by category (objects):
            | category | train | test_unseen |
            |---|---|---|
            | box | 0.0 (1) | - |
            | cup | 75.0 (2) | - |
            | mug | - | 25.0 (1) |
            """)
    }
}
