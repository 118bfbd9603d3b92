import Foundation
import RenderKit
import Testing
@testable import RolloutViews

@Suite struct TrainingCurvesTests {
    static let header = "iteration,env_steps,wall_s,sps,mean_reward,success_rate,policy_loss,value_loss,entropy,approx_kl,clip_fraction,explained_variance,learning_rate"

    /// A metrics.csv row with the given steps, reward and success rate.
    func row(_ i: Int, steps: Int, reward: Double, success: Double) -> String {
        "\(i),\(steps),\(Double(i) * 1.5),1000,\(reward),\(success),0.1,0.2,1.3,0.01,0.1,0.5,0.0003"
    }

    func writeRun(_ rows: [String], in dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try ([Self.header] + rows).joined(separator: "\n").appending("\n").write(toFile: dir + "/metrics.csv", atomically: true, encoding: .utf8)
    }

    @Test func metricsAreReadBackAsSeedCurves() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeRun((0..<3).map { row($0, steps: 1000 * ($0 + 1), reward: 0.5 * Double($0), success: 0.1 * Double($0)) }, in: root + "/s0")
        try writeRun((0..<3).map { row($0, steps: 1000 * ($0 + 1), reward: 1, success: 0.3 * Double($0)) }, in: root + "/s1")
        let run = try #require(RunArgument(parsing: "ACPPO=\(root)/s0,\(root)/s1"))
        let series = try TrainingCurves.series(run, metric: .successRate)
        #expect(series.label == "ACPPO" && series.seeds.count == 2)
        #expect(series.seeds[0].map(\.x) == [1000, 2000, 3000] && series.seeds[0].map(\.y) == [0, 0.1, 0.2])
        let rewards = try TrainingCurves.series(run, metric: .meanReward)
        #expect(rewards.seeds[1].map(\.y) == [1, 1, 1])
        let plot = try TrainingCurves.plot([run], metric: .successRate, width: 400, height: 300)
        let mean = try #require(plot.rawSummaries.first).mean
        #expect(zip(mean, [0, 0.2, 0.4]).allSatisfy { abs($0 - $1) < 1e-12 })
        // the drawn centre line smooths each seed as TensorBoard does (weight 0.6) before the IQM
        #expect(plot.smoothing == 0.6)
        let smoothed = try #require(plot.summaries.first).mean
        #expect(zip(smoothed, [0, 0.2 / 0.64 * 0.4, (0.2 * 0.4 * 0.6 + 0.4 * 0.4) / 0.784]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(plot.yRange == 0...1)
        let image = plot.render()
        #expect(image.width == 400 && image.height == 300)
    }

    @Test func malformedRowsAreRefusedWithTheirLine() throws {
        let good = row(0, steps: 100, reward: 0, success: 0)
        let cases: [(rows: [String], line: Int)] = [
            ([good, "1,200,3.0,1000,0.5"], 3),                                       // too few fields
            ([good, row(1, steps: 200, reward: 0, success: 0).replacingOccurrences(of: ",0.0,0.1,", with: ",abc,0.1,")], 3),
            ([good, row(1, steps: 200, reward: 0, success: 0), row(2, steps: 150, reward: 0, success: 0)], 4),  // steps go back
            ([good, row(1, steps: 200, reward: .nan, success: 0)], 3),               // non-finite reward
        ]
        for (rows, line) in cases {
            let error = #expect(throws: MetricsError.self) {
                try MetricsTable.parse(([Self.header] + rows).joined(separator: "\n"), file: "run/metrics.csv", required: ["success_rate", "mean_reward"])
            }
            #expect(error?.line == line)
            #expect(error?.description.hasPrefix("run/metrics.csv:\(line): ") == true)
        }
    }

    @Test func missingFilesAndColumnsAreNamed() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let missing = #expect(throws: MetricsError.self) { try TrainingCurves.series(RunArgument(label: "a", directories: [root + "/none"]), metric: .successRate) }
        #expect(missing?.file == root + "/none/metrics.csv" && missing?.line == 0)
        let noColumn = #expect(throws: MetricsError.self) { try MetricsTable.parse("iteration,env_steps\n0,10\n", file: "m.csv", required: ["success_rate"]) }
        #expect(noColumn?.line == 1)
        let empty = #expect(throws: MetricsError.self) { try MetricsTable.parse(Self.header + "\n", file: "m.csv", required: ["success_rate"]) }
        #expect(empty?.line == 0)
        #expect(RunArgument(parsing: "no-equals") == nil && RunArgument(parsing: "=dir") == nil && RunArgument(parsing: "a=") == nil)
    }
}

/// The default curve is the interquartile mean over seeds with its bootstrap interval shaded.
@Suite struct InterquartileCurveTests {
    @Test func theCentreIsTheInterquartileMeanAndTheBandItsInterval() {
        // five seeds, one outlier: at each x the IQM is the mean of the middle three
        let seeds: [[(x: Double, y: Double)]] = [0.1, 0.2, 0.3, 0.4, 5].map { v in [(x: 0, y: v), (x: 10, y: 2 * v)] }
        let s = SeedSummary(seeds: seeds, band: .interval(TrainingCurves.interquartileMean))
        #expect(s.xs == [0, 10])
        #expect(abs(s.mean[0] - 0.3) < 1e-12 && abs(s.mean[1] - 0.6) < 1e-12)
        for i in 0..<2 {
            #expect(s.lower[i] < s.mean[i] && s.upper[i] > s.mean[i])
            #expect(s.upper[i] <= seeds.map { $0[i].y }.max()!)
        }
        let plain = SeedSummary(seeds: seeds, band: .standardDeviation)
        #expect(abs(plain.mean[0] - 1.2) < 1e-12, "the std band keeps the mean, which the outlier drags")
    }
}
