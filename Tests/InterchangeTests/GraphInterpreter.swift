import Foundation
@testable import Interchange

/// Executes an `ONNXGraph` built of the operators `PolicyGraph` uses (Sub, Add, Div, Sqrt,
/// Clip, MatMul, Elu, Tanh, Reshape) with plain loops, following the ONNX operator
/// definitions; for tests that compare a graph with the Swift policy without a runtime.
enum GraphInterpreter {
    /// A float tensor: shape and row-major values.
    struct Tensor {
        var shape: [Int]
        var values: [Float]
    }

    /// The graph's single output for `input` fed as its single input.
    static func run(_ graph: ONNXGraph, input: Tensor) throws -> Tensor {
        var floats: [String: Tensor] = [:]
        var ints: [String: [Int64]] = [:]
        for tensor in graph.initializers {
            switch tensor.values {
            case .float(let v): floats[tensor.name] = Tensor(shape: tensor.dims, values: v)
            case .int64(let v): ints[tensor.name] = v
            }
        }
        guard graph.inputs.count == 1, graph.outputs.count == 1 else { throw InterpreterError("one input and one output expected") }
        floats[graph.inputs[0].name] = input
        for node in graph.nodes {
            func operand(_ k: Int) throws -> Tensor {
                guard k < node.inputs.count, let t = floats[node.inputs[k]] else {
                    throw InterpreterError("\(node.name): input \(k) is not a computed float value")
                }
                return t
            }
            let result: Tensor
            switch node.opType {
            case "Sub": result = try broadcast(operand(0), operand(1), -)
            case "Add": result = try broadcast(operand(0), operand(1), +)
            case "Div": result = try broadcast(operand(0), operand(1), /)
            case "Sqrt": result = try map(operand(0)) { $0.squareRoot() }
            case "Tanh": result = try map(operand(0)) { Float(Foundation.tanh(Double($0))) }
            case "Elu":
                guard case .float(let alpha)? = node.attributes.first(where: { $0.name == "alpha" })?.value else {
                    throw InterpreterError("\(node.name): Elu without a float alpha")
                }
                result = try map(operand(0)) { $0 >= 0 ? $0 : alpha * Float(Foundation.expm1(Double($0))) }
            case "Clip":
                let (lo, hi) = (try operand(1), try operand(2))
                guard lo.values.count == 1, hi.values.count == 1 else { throw InterpreterError("\(node.name): Clip bounds must be scalars") }
                result = try map(operand(0)) { min(max($0, lo.values[0]), hi.values[0]) }
            case "MatMul": result = try matmul(operand(0), operand(1))
            case "Reshape":
                guard let target = ints[node.inputs[1]] else { throw InterpreterError("\(node.name): shape is not an int64 initializer") }
                var x = try operand(0)
                let shape = target.enumerated().map { $0.element == 0 ? x.shape[$0.offset] : Int($0.element) }
                guard !shape.contains(where: { $0 < 0 }), shape.reduce(1, *) == x.values.count else {
                    throw InterpreterError("\(node.name): cannot reshape \(x.shape) to \(target)")
                }
                x.shape = shape
                result = x
            default: throw InterpreterError("\(node.name): operator \(node.opType) not supported")
            }
            guard node.outputs.count == 1, floats[node.outputs[0]] == nil else {
                throw InterpreterError("\(node.name): outputs \(node.outputs) must be one new value")
            }
            floats[node.outputs[0]] = result
        }
        guard let output = floats[graph.outputs[0].name] else { throw InterpreterError("no node computes \(graph.outputs[0].name)") }
        return output
    }

    /// a op b where b's shape is a suffix of a's (ONNX/numpy broadcasting of the forms used).
    private static func broadcast(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) throws -> Tensor {
        guard b.shape.count <= a.shape.count, Array(a.shape.suffix(b.shape.count)) == b.shape else {
            throw InterpreterError("cannot broadcast \(b.shape) onto \(a.shape)")
        }
        let n = b.values.count
        return Tensor(shape: a.shape, values: a.values.indices.map { op(a.values[$0], b.values[$0 % n]) })
    }

    private static func map(_ a: Tensor, _ f: (Float) -> Float) throws -> Tensor {
        Tensor(shape: a.shape, values: a.values.map(f))
    }

    /// [r, k] x [k, n], accumulated in double.
    private static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.shape.count == 2, b.shape.count == 2, a.shape[1] == b.shape[0] else {
            throw InterpreterError("MatMul of \(a.shape) and \(b.shape)")
        }
        let (r, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        var out = [Float](repeating: 0, count: r * n)
        for i in 0..<r {
            for j in 0..<n {
                var sum = 0.0
                for t in 0..<k { sum += Double(a.values[i * k + t]) * Double(b.values[t * n + j]) }
                out[i * n + j] = Float(sum)
            }
        }
        return Tensor(shape: [r, n], values: out)
    }
}

/// A graph the interpreter cannot run, in words.
struct InterpreterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
