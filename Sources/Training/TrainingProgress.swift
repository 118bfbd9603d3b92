import Foundation

/// Reports iterations: a live line on a terminal, plain lines in train.log.
public final class TrainingProgress {
    private let log: FileHandle?
    private let terminal: Bool

    /// Progress for a run writing its log to `logFile`.
    public init(logFile: URL?) {
        if let logFile {
            if !FileManager.default.fileExists(atPath: logFile.path) { _ = FileManager.default.createFile(atPath: logFile.path, contents: nil) }
            log = try? FileHandle(forWritingTo: logFile)
            log?.seekToEndOfFile()
        } else {
            log = nil
        }
        terminal = isatty(1) != 0
    }

    /// Reports one iteration of `total`.
    public func report(_ m: IterationMetrics, total: Int) {
        let rate = Double(m.envSteps) / max(m.wallSeconds, 1e-9)
        let eta = Double(total - m.iteration) * m.wallSeconds / Double(max(m.iteration, 1))
        let line = String(format: "iter %d/%d  env-steps %d  SPS %.0f  reward %.3f  success %.2f  kl %.4f  lr %.2e  ETA %.0fs",
                          m.iteration, total, m.envSteps, rate, m.meanReward, m.successRate, m.stats.losses.approxKL,
                          m.stats.losses.learningRate, eta)
        log?.write(Data((line + "\n").utf8))
        if terminal {
            FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + line).utf8))
            if m.iteration == total { print() }
        } else if m.iteration % 10 == 0 || m.iteration == total {
            print(line)
        }
    }

    /// Writes a line that is not an iteration (a checkpoint's selection result).
    public func note(_ line: String) {
        log?.write(Data((line + "\n").utf8))
        print(terminal ? "\r\u{1B}[K" + line : line)
    }

    deinit { try? log?.close() }
}
