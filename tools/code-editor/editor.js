// Flow Studio's code editor: CodeMirror 6 set up for flow JSON. The web app (Rust) loads this
// module only on a flow's General tab and drives it through `createEditor`; the language help
// (completions, hover, diagnostics) comes from the app, which owns the flow-language catalog.

import { EditorState, Compartment, StateField, StateEffect, RangeSet } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars,
  drawSelection, dropCursor, rectangularSelection, crosshairCursor, highlightActiveLine,
  hoverTooltip, gutter, GutterMarker, Decoration,
} from "@codemirror/view";
import {
  defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory, undo, redo,
} from "@codemirror/commands";
import {
  foldGutter, foldKeymap, indentOnInput, bracketMatching, syntaxHighlighting, HighlightStyle,
} from "@codemirror/language";
import { searchKeymap, highlightSelectionMatches, openSearchPanel } from "@codemirror/search";
import {
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, snippet,
} from "@codemirror/autocomplete";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { json } from "@codemirror/lang-json";
import { tags } from "@lezer/highlight";

// Colours come from the app's CSS variables, so the editor follows its light or dark theme.
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--code-key)" },
  { tag: tags.string, color: "var(--code-string)" },
  { tag: tags.number, color: "var(--code-number)" },
  { tag: [tags.bool, tags.null], color: "var(--code-keyword)" },
  { tag: [tags.brace, tags.squareBracket, tags.separator], color: "var(--code-punctuation)" },
  { tag: tags.invalid, color: "var(--danger)" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--surface)", color: "var(--text)", height: "100%" },
  ".cm-content": { caretColor: "var(--text)", fontFamily: "var(--mono)" },
  ".cm-gutters": {
    backgroundColor: "var(--bg)", color: "var(--muted)", borderRight: "1px solid var(--border)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--code-active-line)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "var(--code-selection)",
  },
  ".cm-tooltip": {
    backgroundColor: "var(--surface)", color: "var(--text)", border: "1px solid var(--border)",
  },
  ".cm-panels": { backgroundColor: "var(--bg)", color: "var(--text)" },
  ".cm-scroller": { overflow: "auto" },
  ".cm-breakpoint-gutter .cm-gutterElement": { cursor: "pointer", color: "var(--danger)", padding: "0 2px" },
  ".cm-breakpoint-gutter": { minWidth: "14px" },
  ".cm-run-visited": { backgroundColor: "rgba(31, 157, 85, 0.10)" },
  ".cm-run-current": { backgroundColor: "rgba(245, 158, 11, 0.28)" },
});

// Breakpoints: a gutter of their own (a click, or F9 on the cursor's line, sets or clears one),
// kept on their lines as the text changes; the app gets their line numbers.
const breakpointMarker = new (class extends GutterMarker {
  toDOM() {
    const dot = document.createElement("span");
    dot.className = "cm-breakpoint";
    dot.textContent = "●";
    return dot;
  }
})();
const toggleBreakpoint = StateEffect.define();
const breakpoints = StateField.define({
  create: () => RangeSet.empty,
  update(set, transaction) {
    let next = set.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(toggleBreakpoint)) continue;
      const at = effect.value;
      let found = false;
      next.between(at, at, () => { found = true; });
      next = found
        ? next.update({ filter: (from) => from !== at })
        : next.update({ add: [breakpointMarker.range(at)] });
    }
    return next;
  },
});

// A run's marks: the lines of the steps it went through, and the line of the step it is at.
const setRunLines = StateEffect.define();
const visitedLine = Decoration.line({ class: "cm-run-visited" });
const currentLine = Decoration.line({ class: "cm-run-current" });
const runLines = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setRunLines)) continue;
      const { current, visited } = effect.value;
      const doc = transaction.state.doc;
      const lines = [...new Set([...visited, current])]
        .filter((line) => line >= 1 && line <= doc.lines)
        .sort((a, b) => a - b);
      next = Decoration.set(
        lines.map((line) => (line === current ? currentLine : visitedLine).range(doc.line(line).from)),
      );
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const completionTypes = { App: "function", StepKey: "keyword", Field: "property", Value: "constant" };

/** Renders a hover or completion help text: a title line, then paragraphs. */
function helpNode(title, body) {
  const node = document.createElement("div");
  node.className = "cm-flow-help";
  if (title) {
    const heading = document.createElement("strong");
    heading.textContent = title;
    node.appendChild(heading);
  }
  for (const paragraph of body.split("\n\n")) {
    const text = document.createElement("p");
    text.textContent = paragraph.trim();
    node.appendChild(text);
  }
  return node;
}

/** The text the app needs to read the position: everything before it and the token it is in. */
function textAround(state, pos) {
  return state.doc.sliceString(0, Math.min(state.doc.length, pos + 256));
}

/**
 * Creates an editor in `parent`. `options`:
 * - `text`: the starting text; `readOnly`;
 * - `onChange(text, version)`: after every change of the text;
 * - `complete(text, pos)` / `hover(text, pos)`: JSON answers from the app, or nothing;
 * - `onSave()`: Ctrl/Cmd+S;
 * - `onBreakpoints(lines)`: the lines with breakpoints, as a JSON array, after each change.
 */
export function createEditor(parent, options) {
  let version = 0;
  // Once destroyed, the app's callbacks are gone: a completion or hover the editor still
  // starts on its way out (on the blur of its removal) must not call them.
  let destroyed = false;
  const readOnly = new Compartment();

  const completionSource = (context) => {
    if (destroyed) return null;
    const answer = options.complete(textAround(context.state, context.pos), context.pos);
    if (!answer) return null;
    const found = JSON.parse(answer);
    if (!context.explicit && !found.quoted && found.from === context.pos) return null;
    // Snippets are whole (quotes included): they replace the opening quote before the word and
    // a closing quote right after it (as closeBrackets types one).
    const apply = (template) => (view, completion, from, to) => {
      const start = found.quoted ? from - 1 : from;
      const end = found.quoted && view.state.sliceDoc(to, to + 1) === '"' ? to + 1 : to;
      snippet(template)(view, completion, start, end);
    };
    return {
      from: found.from,
      options: found.options.map((option) => ({
        label: option.label,
        detail: option.detail,
        info: option.info ? () => helpNode("", option.info) : undefined,
        type: completionTypes[option.kind],
        boost: option.boost,
        apply: apply(option.snippet),
      })),
      validFor: /^[\w$-]*$/,
    };
  };

  const hover = hoverTooltip((view, pos) => {
    if (destroyed) return null;
    const answer = options.hover(textAround(view.state, pos), pos);
    if (!answer) return null;
    const found = JSON.parse(answer);
    return {
      pos: found.from,
      end: found.to,
      above: true,
      create: () => ({ dom: helpNode(found.title, found.body) }),
    };
  });

  const reportBreakpoints = (state) => {
    const lines = [];
    state.field(breakpoints).between(0, state.doc.length, (from) => {
      lines.push(state.doc.lineAt(from).number);
    });
    if (!destroyed && options.onBreakpoints) options.onBreakpoints(JSON.stringify(lines));
  };
  const toggleAt = (view, pos) => {
    view.dispatch({ effects: toggleBreakpoint.of(view.state.doc.lineAt(pos).from) });
    reportBreakpoints(view.state);
    return true;
  };

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        breakpoints,
        runLines,
        gutter({
          class: "cm-breakpoint-gutter",
          markers: (view) => view.state.field(breakpoints),
          initialSpacer: () => breakpointMarker,
          domEventHandlers: { mousedown: (view, line) => toggleAt(view, line.from) },
        }),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        dropCursor(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        syntaxHighlighting(highlight),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [completionSource], icons: true }),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        hover,
        json(),
        theme,
        readOnly.of(EditorState.readOnly.of(Boolean(options.readOnly))),
        keymap.of([
          { key: "Mod-s", preventDefault: true, run: () => { options.onSave(); return true; } },
          { key: "F9", preventDefault: true, run: (view) => toggleAt(view, view.state.selection.main.head) },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...completionKeymap,
          ...lintKeymap,
          indentWithTab,
        ]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !destroyed) {
            version += 1;
            options.onChange(update.state.doc.toString(), version);
            // Breakpoints move with their lines.
            if (update.state.field(breakpoints).size) reportBreakpoints(update.state);
          }
        }),
        EditorView.contentAttributes.of({ "aria-label": options.label || "Flow schema" }),
      ],
    }),
  });

  return {
    text: () => view.state.doc.toString(),
    version: () => version,
    /** Replaces the whole text as one change, which undo takes back. */
    setText(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: isolateHistory.of("full"),
      });
    },
    /** Shows `diagnostics` ({from, to, severity, message}) computed for text `forVersion`. */
    setDiagnostics(diagnostics, forVersion) {
      if (forVersion !== version) return false;
      const length = view.state.doc.length;
      const clamped = diagnostics.map((found) => ({
        ...found,
        from: Math.min(found.from, length),
        to: Math.min(Math.max(found.to, found.from), length),
      }));
      view.dispatch(setDiagnostics(view.state, clamped));
      return true;
    },
    /** Puts the cursor at `pos`, scrolled into view, and focuses the editor. */
    goTo(pos) {
      const at = Math.min(pos, view.state.doc.length);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
    cursor: () => view.state.selection.main.head,
    /** Marks a run's lines: `visited` (a JSON array of line numbers) and `current` (0: none),
     *  scrolled into view. */
    setRunLines(current, visited) {
      const effects = [setRunLines.of({ current, visited: JSON.parse(visited) })];
      if (current >= 1 && current <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(current).from, { y: "nearest" }));
      }
      view.dispatch({ effects });
    },
    setReadOnly(value) {
      view.dispatch({ effects: readOnly.reconfigure(EditorState.readOnly.of(value)) });
    },
    undo: () => undo(view),
    redo: () => redo(view),
    openSearch: () => openSearchPanel(view),
    focus: () => view.focus(),
    /** Measures again after the container changed size (fullscreen). */
    refresh: () => view.requestMeasure(),
    destroy() {
      destroyed = true;
      view.destroy();
    },
  };
}
