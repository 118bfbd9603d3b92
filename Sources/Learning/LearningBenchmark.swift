import Foundation

/// Throughput and latency measurements of the networks (the `learning-bench` executable).
public enum LearningBenchmark {
    /// What to measure.
    public struct Options: Sendable {
        /// OpenBLAS threads.
        public var threadCount = 2
        /// Samples per update step.
        public var batchSize = 4096
        /// Observation features.
        public var inputSize = 211
        /// Timed repetitions per measurement (after one warm-up).
        public var repetitions = 5
        /// Publishes defaults: 2 threads, batch 4096, input 211.
        public init() {}
    }

    /// Measured figures (JSON keys in snake case).
    public struct Results: Codable, Sendable {
        /// Update samples/s, hidden (256,256,128), 24 outputs (actor and critic together).
        public var updateSamplesPerSecondSmall: Double = 0
        /// Update samples/s, hidden (1024,1024,512,512), 24 outputs.
        public var updateSamplesPerSecondLarge: Double = 0
        /// Update samples/s, hidden (256,256,128), 48 outputs (h = 2 chunks of 24).
        public var updateSamplesPerSecondSmallOut48: Double = 0
        /// Update samples/s, hidden (1024,1024,512,512), 48 outputs.
        public var updateSamplesPerSecondLargeOut48: Double = 0
        /// Achieved GFLOP/s of the small / large update (24 outputs).
        public var updateGflopsSmall: Double = 0
        /// Achieved GFLOP/s of the large update (24 outputs).
        public var updateGflopsLarge: Double = 0
        /// Best raw sgemm GFLOP/s over square sizes 1024, 2048 and the layer shape 4096x1024x1024.
        public var sgemmPeakGflops: Double = 0
        /// Large actor forward latency, ms, for 64 observations.
        public var inferenceMs64Large: Double = 0
        /// Large actor forward latency, ms, for 1024 observations.
        public var inferenceMs1024Large: Double = 0
        /// Small actor forward latency, ms, for 64 observations.
        public var inferenceMs64Small: Double = 0
        /// Small actor forward latency, ms, for 1024 observations.
        public var inferenceMs1024Small: Double = 0
        /// updateGflopsSmall / sgemmPeakGflops (fraction of the raw sgemm ceiling).
        public var efficiencySmall: Double = 0
        /// updateGflopsLarge / sgemmPeakGflops.
        public var efficiencyLarge: Double = 0
        /// OpenBLAS threads used.
        public var threadCount = 0
        /// OpenBLAS kernel family in use.
        public var blasCore = ""

        enum CodingKeys: String, CodingKey {
            case updateSamplesPerSecondSmall = "update_samples_per_s_small"
            case updateSamplesPerSecondLarge = "update_samples_per_s_large"
            case updateSamplesPerSecondSmallOut48 = "update_samples_per_s_small_out48"
            case updateSamplesPerSecondLargeOut48 = "update_samples_per_s_large_out48"
            case updateGflopsSmall = "update_gflops_small"
            case updateGflopsLarge = "update_gflops_large"
            case sgemmPeakGflops = "sgemm_peak_gflops"
            case inferenceMs64Large = "inference_ms_64_large"
            case inferenceMs1024Large = "inference_ms_1024_large"
            case inferenceMs64Small = "inference_ms_64_small"
            case inferenceMs1024Small = "inference_ms_1024_small"
            case efficiencySmall = "efficiency_small"
            case efficiencyLarge = "efficiency_large"
            case threadCount = "threads"
            case blasCore = "blas_core"
        }
    }

    /// The published small and large hidden sizes.
    public static let smallHidden = [256, 256, 128]
    /// The published (ResDex / UniDexGrasp) hidden sizes.
    public static let largeHidden = [1024, 1024, 512, 512]

    /// Runs every measurement; `log` receives one human-readable line per figure.
    public static func run(_ options: Options, log: (String) -> Void = { _ in }) -> Results {
        BLAS.setThreadCount(options.threadCount)
        var results = Results()
        results.threadCount = BLAS.threadCount
        results.blasCore = BLAS.coreName
        log("OpenBLAS core \(results.blasCore), \(results.threadCount) threads")
        results.sgemmPeakGflops = sgemmPeak(options, log: log)
        var flops: [String: Double] = [:]
        for (hidden, name) in [(smallHidden, "small"), (largeHidden, "large")] {
            for outputs in [24, 48] {
                let (rate, gflops) = updateRate(options, hidden: hidden, outputs: outputs)
                log("update \(name) \(hidden) out \(outputs): \(Int(rate)) samples/s, \(String(format: "%.1f", gflops)) GFLOP/s")
                flops["\(name)\(outputs)"] = gflops
                switch (name, outputs) {
                case ("small", 24): results.updateSamplesPerSecondSmall = rate
                case ("small", _): results.updateSamplesPerSecondSmallOut48 = rate
                case ("large", 24): results.updateSamplesPerSecondLarge = rate
                default: results.updateSamplesPerSecondLargeOut48 = rate
                }
            }
            let latency64 = inferenceMilliseconds(options, hidden: hidden, rows: 64)
            let latency1024 = inferenceMilliseconds(options, hidden: hidden, rows: 1024)
            log("inference \(name): \(String(format: "%.3f", latency64)) ms @64, \(String(format: "%.3f", latency1024)) ms @1024")
            if name == "small" {
                (results.inferenceMs64Small, results.inferenceMs1024Small) = (latency64, latency1024)
            } else {
                (results.inferenceMs64Large, results.inferenceMs1024Large) = (latency64, latency1024)
            }
        }
        results.updateGflopsSmall = flops["small24"] ?? 0
        results.updateGflopsLarge = flops["large24"] ?? 0
        // The ceiling is measured again at the end; the better of the two readings is used.
        results.sgemmPeakGflops = max(results.sgemmPeakGflops, sgemmPeak(options, log: log))
        results.efficiencySmall = results.updateGflopsSmall / results.sgemmPeakGflops
        results.efficiencyLarge = results.updateGflopsLarge / results.sgemmPeakGflops
        return results
    }

    /// Median seconds of `repetitions` calls of `body` after one warm-up call.
    static func medianSeconds(_ repetitions: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<max(repetitions, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        return times.sorted()[times.count / 2]
    }
}
