import CZMQ

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A ZeroMQ context: owns the library's I/O thread; sockets are made from it.
final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init() throws {
        // zmq_ctx_new fails only when the process is out of file descriptors or memory.
        guard let handle = zmq_ctx_new() else { throw ZMQError.last }
        self.handle = handle
    }

    deinit {
        zmq_ctx_term(handle)
    }
}

/// A ZeroMQ error with libzmq's message.
struct ZMQError: Error, CustomStringConvertible {
    var description: String

    static var last: ZMQError { ZMQError(description: String(cString: zmq_strerror(zmq_errno()))) }
}

/// One ZeroMQ socket, used from one thread at a time, sending and receiving multipart messages.
final class ZMQSocket: @unchecked Sendable {
    private var handle: UnsafeMutableRawPointer?

    /// A socket of `type` (`ZMQ_ROUTER`, `ZMQ_PUB`, `ZMQ_REP`) bound to `endpoint`.
    init(context: ZMQContext, type: Int32, endpoint: String) throws {
        guard let socket = zmq_socket(context.handle, type) else { throw ZMQError.last }
        handle = socket
        var linger: Int32 = 0
        zmq_setsockopt(socket, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        guard zmq_bind(socket, endpoint) == 0 else {
            let error = ZMQError.last
            zmq_close(socket)
            handle = nil
            throw ZMQError(description: "cannot bind \(endpoint): \(error)")
        }
    }

    deinit {
        close()
    }

    /// Closes the socket (pending messages are dropped).
    func close() {
        if let handle { zmq_close(handle) }
        handle = nil
    }

    /// Whether a message arrives within `milliseconds` (-1: wait for ever).
    func waitForMessage(milliseconds: Int) -> Bool {
        guard let handle else { return false }
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let ready = zmq_poll(&item, 1, milliseconds)
        return ready > 0 && (item.revents & Int16(ZMQ_POLLIN)) != 0
    }

    /// Receives every frame of the next message (blocks); nil when the socket is closed.
    func receive() -> [[UInt8]]? {
        guard let handle else { return nil }
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            if zmq_msg_recv(&message, handle, 0) < 0 {
                if zmq_errno() == EINTR { continue }
                return nil
            }
            let size = zmq_msg_size(&message)
            if size > 0, let data = zmq_msg_data(&message) {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Sends `frames` as one multipart message.
    func send(_ frames: [[UInt8]]) {
        guard let handle else { return }
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? Int32(0) : Int32(ZMQ_SNDMORE)
            frame.withUnsafeBytes { bytes in
                while zmq_send(handle, bytes.baseAddress, bytes.count, flags) < 0 && zmq_errno() == EINTR {}
            }
        }
    }
}
