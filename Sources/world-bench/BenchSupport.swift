import ArgumentParser
import Foundation

/// Parses "1,2,4" into integers, naming the option on error.
func parseList(_ text: String, _ option: String) throws -> [Int] {
    let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else {
        throw ValidationError("--\(option): expected positive integers separated by commas, got '\(text)'")
    }
    return values.map { $0! }
}

/// Peak resident set size of this process, MiB (VmHWM from /proc/self/status).
func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

/// One JSON object line with sorted keys.
func jsonLine(_ figures: [String: Double]) -> String {
    let data = try! JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// Median of a non-empty list.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Share of CPU time the hypervisor gave to other guests ("steal" in /proc/stat) since creation.
struct StealMeter {
    private let start: (busy: Double, steal: Double)
    init() { start = StealMeter.read() }

    /// Steal as a percentage of busy + steal time since `init`.
    func percent() -> Double {
        let now = StealMeter.read()
        let busy = now.busy - start.busy, steal = now.steal - start.steal
        return busy + steal > 0 ? 100 * steal / (busy + steal) : 0
    }

    private static func read() -> (busy: Double, steal: Double) {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first else { return (0, 0) }
        let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard v.count >= 8 else { return (0, 0) }
        return (v[0] + v[1] + v[2] + v[5] + v[6], v[7])
    }
}
