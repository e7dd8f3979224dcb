// What every notebook cell sees: `import NotebookRuntime` is implicit in a notebook, and brings
// the tensor engine, the models and the output types with it.
@_exported import NotebookOutput
@_exported import SequenceModels
@_exported import Tensors
