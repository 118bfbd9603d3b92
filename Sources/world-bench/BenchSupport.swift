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
