/**
 * Code-aware chunking: cuts source files, config files and notebooks into
 * {@link org.labrador.ingest.code.CodePassage passages} along their structure, one per function or
 * class where possible, each carrying its enclosing names, its exact source lines and the symbols
 * it defines, so that "where is X defined?" can be answered with a file and line.
 *
 * <p>The path through the package reads in one direction: a per-family reader
 * ({@code PythonSyntaxTree}, from the tree-sitter syntax tree, with {@code PythonDefinitions}
 * reading by indentation where tree-sitter cannot; {@code CppSyntaxTree}, {@code GoSyntaxTree},
 * {@code JavaSyntaxTree} and {@code ScriptSyntaxTree} (JavaScript, TypeScript), likewise from
 * tree-sitter, sharing {@code SyntaxTreeReader} and {@code BraceSyntaxTree}; {@code BraceDefinitions}
 * with {@code CodeMask} and {@code BraceSyntax} for shell, and for the brace languages where
 * tree-sitter cannot;
 * {@code ConfigSections} for YAML, TOML, INI and JSON) turns the lines into an {@code Outline} of
 * {@code Definition}s; {@code OutlinePacker} turns the outline into passages, with
 * {@code LineCuts} cutting what is too large between statements. Notebooks go through
 * {@code NotebookCells}. {@link org.labrador.ingest.code.CodeChunker} is the one entry point.
 */
package org.labrador.ingest.code;
