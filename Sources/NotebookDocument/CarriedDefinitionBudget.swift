/// How many bytes of link reference definitions may be copied into other prose blocks of one
/// document (rendered with a report's prose, or appended to an exported Markdown cell), so that
/// notes whose many blocks each name one huge definition still take linear time and space.
public struct CarriedDefinitionBudget: Sendable {
    /// 4 MB per document.
    public static let limit = 4 << 20

    /// The bytes still available.
    public private(set) var remaining: Int
    /// The first definition that did not fit, if any.
    public private(set) var firstMissed: LinkReferenceDefinitions.Definition?

    /// A budget of `limit` bytes.
    public init(limit: Int = CarriedDefinitionBudget.limit) { remaining = limit }

    /// Those of `definitions` that still fit, in order (each one's Markdown is counted); one that
    /// does not fit is skipped, and the first such is kept in ``firstMissed``.
    public mutating func take(
        _ definitions: [LinkReferenceDefinitions.Definition]
    ) -> [LinkReferenceDefinitions.Definition] {
        var taken: [LinkReferenceDefinitions.Definition] = []
        for definition in definitions {
            let size = definition.markdown.utf8.count
            if size <= remaining {
                remaining -= size
                taken.append(definition)
            } else if firstMissed == nil {
                firstMissed = definition
            }
        }
        return taken
    }
}
