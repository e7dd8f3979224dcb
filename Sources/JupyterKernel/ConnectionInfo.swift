import Foundation

/// A Jupyter connection file: where the kernel's five sockets listen and the signing key.
///
/// ```json
/// {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 53794, "iopub_port": 53795,
///  "stdin_port": 53796, "control_port": 53797, "hb_port": 53798,
///  "key": "a0436f6c-…", "signature_scheme": "hmac-sha256"}
/// ```
public struct ConnectionInfo: Sendable, Decodable, Equatable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var hbPort: Int
    /// The HMAC key (empty: messages are not signed).
    public var key: String
    public var signatureScheme: String

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port"
        case iopubPort = "iopub_port"
        case stdinPort = "stdin_port"
        case controlPort = "control_port"
        case hbPort = "hb_port"
        case signatureScheme = "signature_scheme"
    }

    /// Reads a connection file.
    public static func read(path: String) throws(KernelError) -> ConnectionInfo {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelError(description: "\(path): error: cannot read the connection file")
        }
        let info: ConnectionInfo
        do {
            info = try JSONDecoder().decode(ConnectionInfo.self, from: data)
        } catch {
            throw KernelError(description: "\(path): error: not a Jupyter connection file (\(error))")
        }
        guard info.key.isEmpty || info.signatureScheme == "hmac-sha256" else {
            throw KernelError(
                description:
                    "\(path): error: signature scheme '\(info.signatureScheme)' is not supported (use hmac-sha256)")
        }
        return info
    }

    /// The ZeroMQ endpoint of `port` (`tcp://127.0.0.1:53794`, or `ipc://IP-PORT`).
    func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
    }
}

/// An error of the Jupyter kernel, with what to do about it.
public struct KernelError: Error, Sendable, CustomStringConvertible {
    /// A readable message.
    public var description: String
}
