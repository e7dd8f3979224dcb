import Testing

extension Tag {
    /// Suites that train the lessons' models, compare the two engines on whole lessons or start
    /// real Jupyter clients: minutes rather than seconds. Leave them out while iterating with
    /// `swift test --skip 'LessonTests|EngineAgreement|JupyterClient'` (SwiftPM filters by name;
    /// Xcode and the test navigator filter by this tag).
    @Tag public static var slow: Self
}
