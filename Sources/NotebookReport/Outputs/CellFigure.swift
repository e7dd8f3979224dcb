import NotebookDocument

/// A cell whose outputs make a figure: its caption (`//| fig-cap:`) and the text that says what
/// its images and drawings show (`//| fig-alt:`, else the caption).
struct CellFigure: Equatable {
    /// The caption under the outputs (nil: alt text only, no caption).
    var caption: String?
    /// The text alternative of images and drawings that do not carry their own.
    var alt: String?

    /// The figure of a cell with these options, or nil when it sets neither `fig-cap` nor `fig-alt`.
    init?(_ options: CellOptions) {
        guard options.figureCaption != nil || options.figureAlt != nil else { return nil }
        caption = options.figureCaption
        alt = options.figureAlt ?? options.figureCaption
    }
}
