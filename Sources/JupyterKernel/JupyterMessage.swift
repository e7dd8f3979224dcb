import Foundation
import NotebookInterop

/// One Jupyter message, as the wire protocol frames it:
/// `[routing ids…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]`.
struct JupyterMessage: Sendable {
    /// The ROUTER identities to send a reply back to.
    var identities: [[UInt8]]
    var header: JSONValue
    var parentHeader: JSONValue
    var metadata: JSONValue
    var content: JSONValue

    /// The message type (`execute_request`, …).
    var type: String { header["msg_type"]?.text ?? "" }

    static let delimiter = Array("<IDS|MSG>".utf8)

    /// Decodes received frames; nil when they are malformed or the signature is wrong.
    init?(frames: [[UInt8]], signer: MessageSigner) {
        guard let split = frames.firstIndex(of: Self.delimiter), frames.count >= split + 6 else { return nil }
        let parts = Array(frames[(split + 2)..<(split + 6)])
        guard signer.isValid(frames[split + 1], for: parts) else { return nil }
        let values = parts.compactMap { try? JSONValue.parse(Data($0)) }
        guard values.count == 4 else { return nil }
        identities = Array(frames[..<split])
        header = values[0]
        parentHeader = values[1]
        metadata = values[2]
        content = values[3]
    }

    /// A new message of `type` answering (or caused by) `parent`.
    init(type: String, content: JSONValue, parent: JupyterMessage?, session: String, identities: [[UInt8]]) {
        self.identities = identities
        header = .object([
            "msg_id": .string(UUID().uuidString.lowercased()), "session": .string(session),
            "username": .string("kernel"), "date": .string(Self.timestamp()), "msg_type": .string(type),
            "version": .string(JupyterKernelServer.protocolVersion),
        ])
        parentHeader = parent?.header ?? .object([:])
        metadata = .object([:])
        self.content = content
    }

    /// The frames to send, signed.
    func frames(signer: MessageSigner) -> [[UInt8]] {
        let parts = [header, parentHeader, metadata, content].map { Array($0.serialized(indent: 0).utf8) }
        return identities + [Self.delimiter, Array(signer.signature(parts).utf8)] + parts
    }

    /// ISO 8601 with microseconds, in UTC (`2026-11-30T02:21:30.123456Z`).
    static func timestamp(_ date: Date = Date()) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&whole, &parts)
        let micro = Int((seconds - seconds.rounded(.down)) * 1_000_000)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micro)
    }
}
