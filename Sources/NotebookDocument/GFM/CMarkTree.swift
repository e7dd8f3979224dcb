import CMark

/// Small helpers over cmark's C tree for the GFM passes (nodes are `OpaquePointer`s owned by
/// the document; a pass frees what it unlinks).
enum CMarkTree {
    /// Every node under `root` (itself included) of one of `types`, in document order, collected
    /// before the caller changes the tree (cmark's iterator must not see a changing tree).
    /// `types` is a short list (one or two), looked through without hashing for every node.
    static func nodes(under root: OpaquePointer, ofType types: [UInt32]) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        visitNodes(under: root) { node in
            if types.contains(cmark_node_get_type(node).rawValue) { found.append(node) }
        }
        return found
    }

    /// Calls `body` with every node under `root` (`root` included), in document order, as the
    /// walk enters it. The tree must not change meanwhile (a pass that unlinks or splits nodes
    /// collects them first with ``nodes(under:ofType:)``). Returns false, having visited nothing,
    /// when cmark could not make its iterator (out of memory).
    @discardableResult
    static func visitNodes(under root: OpaquePointer, _ body: (OpaquePointer) -> Void) -> Bool {
        guard let iterator = cmark_iter_new(root) else { return false }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
        return true
    }

    /// The node after `node` in document order (its first child, else the next node of it or
    /// of its nearest ancestor that has one) that is under `root`; nil after the last.
    static func next(after node: OpaquePointer, under root: OpaquePointer) -> OpaquePointer? {
        if let child = cmark_node_first_child(node) { return child }
        var current = node
        while current != root {
            if let next = cmark_node_next(current) { return next }
            guard let parent = cmark_node_parent(current) else { return nil }
            current = parent
        }
        return nil
    }

    /// The children of `node`, in order.
    static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// Whether `node` has an ancestor of `type`.
    static func hasAncestor(_ node: OpaquePointer, ofType type: cmark_node_type) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if cmark_node_get_type(current) == type { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    /// How many block quotes contain `node`.
    static func quoteDepth(of node: OpaquePointer) -> Int {
        var depth = 0
        var parent = cmark_node_parent(node)
        while let current = parent {
            if cmark_node_get_type(current) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            parent = cmark_node_parent(current)
        }
        return depth
    }

    static func literal(_ node: OpaquePointer) -> String {
        string(cmark_node_get_literal(node))
    }

    /// A C string cmark gives as a Swift string (empty for NULL).
    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// The bytes of `node`'s literal, read in place: a pass can look for its delimiters without
    /// making a Swift string of every text node.
    static func withLiteralBytes<Result>(_ node: OpaquePointer, _ body: (UnsafeBufferPointer<UInt8>) -> Result)
        -> Result
    {
        withBytes(of: cmark_node_get_literal(node), body)
    }

    /// The bytes of a C string cmark gives (a literal, a URL, an info string) up to its NUL, read
    /// in place; none for NULL.
    static func withBytes<Result>(of string: UnsafePointer<CChar>?, _ body: (UnsafeBufferPointer<UInt8>) -> Result)
        -> Result
    {
        guard let string else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return UnsafeRawPointer(string).withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            var count = 0
            while start[count] != 0 { count += 1 }
            return body(UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// Whether `node`'s literal contains `needle` (byte for byte).
    static func literalContains(_ node: OpaquePointer, _ needle: String) -> Bool {
        withLiteralBytes(node) { ByteSearch.firstOffset(of: needle, in: $0) != nil }
    }

    /// Whether `node`'s literal starts with `prefix` (byte for byte).
    static func literalHasPrefix(_ node: OpaquePointer, _ prefix: String) -> Bool {
        withLiteralBytes(node) { $0.starts(with: prefix.utf8) }
    }

    /// A new node of `type` with `literal` (text, inline or block HTML).
    static func make(_ type: cmark_node_type, literal: String) -> OpaquePointer? {
        guard let node = cmark_node_new(type) else { return nil }
        cmark_node_set_literal(node, literal)
        return node
    }

    /// A new node of `type` whose literal is `bytes` (UTF-8 without a NUL).
    static func make(_ type: cmark_node_type, literal bytes: some Collection<UInt8>) -> OpaquePointer? {
        guard let node = cmark_node_new(type) else { return nil }
        setLiteral(of: node, to: bytes)
        return node
    }

    /// Sets `node`'s literal to `bytes` (UTF-8 without a NUL).
    static func setLiteral(of node: OpaquePointer, to bytes: some Collection<UInt8>) {
        var string = [UInt8]()
        string.reserveCapacity(bytes.count + 1)
        string.append(contentsOf: bytes)
        string.append(0)
        string.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(node, $0.baseAddress) }
        }
    }

    /// Inserts `nodes` before `anchor`, in order; nodes that cannot go there are freed.
    static func insert(_ nodes: [OpaquePointer], before anchor: OpaquePointer) {
        for node in nodes where cmark_node_insert_before(anchor, node) != 1 {
            cmark_node_free(node)
        }
    }

    /// A new text node, or a new link to `url` whose text is `text`.
    static func text(_ text: String) -> OpaquePointer? { make(CMARK_NODE_TEXT, literal: text) }

    static func link(url: String, text: String) -> OpaquePointer? {
        guard let link = cmark_node_new(CMARK_NODE_LINK) else { return nil }
        cmark_node_set_url(link, url)
        if let child = self.text(text), cmark_node_append_child(link, child) != 1 { cmark_node_free(child) }
        return link
    }
}
