// An in-page stand-in for Office.js, installed before the task pane's bundle runs (page.addInitScript).
// It implements the subset of the Excel API the adapter uses, keeps each sheet's cells, and lets the
// test act as the user: window.__fakeExcel.edit(sheet, "E15", 3) changes a cell and fires onChanged.
// window.__fakeExcelSyncMs (set before) makes each sync take that long, as a round trip to Excel does;
// window.__fakeExcelBeforeSync(), when set, is awaited before each sync is answered.
(() => {
  const parse = (ref) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const letters = (col) => {
    let s = "";
    for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const rect = (address) => {
    const a = address.split("!").pop();
    if (/^[A-Z]+:[A-Z]+$/.test(a) || /^\d+:\d+$/.test(a)) return null;
    const [first, last = first] = a.split(":");
    const p = parse(first);
    const q = parse(last);
    return {
      top: Math.min(p.row, q.row),
      left: Math.min(p.col, q.col),
      bottom: Math.max(p.row, q.row),
      right: Math.max(p.col, q.col),
    };
  };
  /** Accepts any property or call the adapter makes on formats, rules and layout, and remembers sets. */
  const sink = () =>
    new Proxy(function () {}, {
      get: (t, k) => (k === "then" ? undefined : k in t ? t[k] : (t[k] = sink())),
      set: (t, k, v) => ((t[k] = v), true),
      apply: () => sink(),
    });

  const state = { sheets: [], log: [], syncs: 0 };
  const live = () => state.sheets.filter((s) => !s.deleted);
  const find = (name) => live().find((s) => s.name === name);
  const nullObject = () => ({
    isNullObject: true,
    load() {},
    getUsedRangeOrNullObject: () => ({ isNullObject: true, load() {} }),
  });

  function makeRange(sheet, address) {
    const r = rect(address);
    const range = {
      isNullObject: false,
      address: `${sheet.name}!${address}`,
      format: sink(),
      dataValidation: sink(),
      conditionalFormats: sink(),
      load() {},
    };
    Object.defineProperty(range, "formulas", {
      set(grid) {
        grid.forEach((line, i) =>
          line.forEach((v, j) => {
            if (v === null) return;
            const key = `${r.top + i},${r.left + j}`;
            if (typeof v === "string" && v.startsWith("="))
              sheet.cells.set(key, { value: "", formula: v });
            else
              sheet.cells.set(key, {
                value: typeof v === "string" && v.startsWith("'") ? v.slice(1) : v,
              });
          })
        );
      },
    });
    range.merge = () => undefined;
    range.select = () => state.log.push(`select ${sheet.name}!${address}`);
    return range;
  }

  function usedRange(sheet) {
    if (sheet.cells.size === 0) return { isNullObject: true, load() {} };
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (const key of sheet.cells.keys()) {
      const [row, col] = key.split(",").map(Number);
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    return {
      isNullObject: false,
      load() {},
      rowIndex: top,
      columnIndex: left,
      rowCount: bottom - top + 1,
      columnCount: right - left + 1,
      ...cellsOf(sheet, top, left, bottom, right),
    };
  }

  /** The values, formulas and value types of a rectangle, as Range.load gives them. */
  function cellsOf(sheet, top, left, bottom, right) {
    const values = [],
      formulas = [],
      valueTypes = [];
    for (let row = top; row <= bottom; row++) {
      const v = [],
        f = [],
        t = [];
      for (let col = left; col <= right; col++) {
        const cell = sheet.cells.get(`${row},${col}`);
        v.push(cell ? cell.value : "");
        f.push(cell ? cell.formula || cell.value : "");
        t.push(
          !cell || cell.value === ""
            ? "Empty"
            : typeof cell.value === "number"
              ? "Double"
              : typeof cell.value === "boolean"
                ? "Boolean"
                : "String"
        );
      }
      values.push(v);
      formulas.push(f);
      valueTypes.push(t);
    }
    return {
      address: `${sheet.name}!${letters(left)}${top + 1}:${letters(right)}${bottom + 1}`,
      values,
      formulas,
      valueTypes,
    };
  }

  function makeSheet(name) {
    const sheet = {
      name,
      visibility: "Visible",
      cells: new Map(),
      handlers: [],
      protected: false,
      deleted: false,
      isNullObject: false,
    };
    const events = (kind) => ({
      add(fn) {
        const h = { kind, fn, removed: false };
        sheet.handlers.push(h);
        return { context, remove: () => (h.removed = true) };
      },
    });
    Object.assign(sheet, {
      onChanged: events("changed"),
      onCalculated: events("calculated"),
      freezePanes: sink(),
      autoFilter: sink(),
      pageLayout: sink(),
      horizontalPageBreaks: sink(),
      protection: {
        protect: () => (sheet.protected = true),
        unprotect: () => (sheet.protected = false),
      },
      load() {},
      getRange: (address) => makeRange(sheet, address),
      getRanges: () => ({ format: sink() }),
      getRangeByIndexes: (row, col, rows, cols) => ({
        load() {},
        ...cellsOf(sheet, row, col, row + rows - 1, col + cols - 1),
      }),
      getUsedRangeOrNullObject: () => usedRange(sheet),
      activate: () => state.log.push(`activate ${sheet.name}`),
      delete: () => (sheet.deleted = true),
    });
    state.sheets.push(sheet);
    return sheet;
  }

  const worksheets = {
    items: [],
    load() {},
    add: (name) => {
      if (find(name)) throw new Error(`ItemAlreadyExists: ${name}`);
      return makeSheet(name);
    },
    getItem: (name) => {
      const s = find(name);
      if (!s) throw new Error(`ItemNotFound: ${name}`);
      return s;
    },
    getItemOrNullObject: (name) => find(name) || nullObject(),
  };
  const runtime = { enableEvents: true, load() {} };
  const context = {
    workbook: { worksheets },
    runtime,
    application: sink(),
    sync: async () => {
      state.syncs++;
      const ms = window.__fakeExcelSyncMs;
      if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
      if (window.__fakeExcelBeforeSync) await window.__fakeExcelBeforeSync();
      worksheets.items = live();
    },
  };
  makeSheet("Sheet1");
  worksheets.items = live();

  window.Excel = { run: async (a, b) => (typeof a === "function" ? a : b)(context) };
  window.Office = {
    HostType: { Excel: "Excel" },
    onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
    context: {
      displayLanguage: "zh-CN",
      requirements: {
        isSetSupported: (set, version) => set === "ExcelApi" && Number(version) <= 1.9,
      },
    },
  };
  window.__fakeExcel = {
    state,
    sheetNames: () =>
      live().map((s) => `${s.name}:${s.visibility}${s.protected ? ":protected" : ""}`),
    cell: (name, ref) => {
      const p = parse(ref);
      const c = find(name) && find(name).cells.get(`${p.row},${p.col}`);
      return c ? c.value : null;
    },
    /**
     * Chooses a value from a cell's dropdown as Excel on the web does it (office-js #3888): no
     * onChanged, only onCalculated on the sheets whose formulas read that cell.
     */
    pick: async (name, ref, value) => {
      const p = parse(ref);
      find(name).cells.set(`${p.row},${p.col}`, { value });
      if (!runtime.enableEvents) return;
      const reads = (sheet) =>
        [...sheet.cells.values()].some((c) => c.formula && c.formula.includes(`'${name}'!${ref}`));
      for (const sheet of live().filter(reads))
        for (const h of sheet.handlers)
          if (!h.removed && h.kind === "calculated") await h.fn({ worksheetId: sheet.name });
    },
    /** Types a value into a cell as a user would, then fires the sheet's onChanged handlers (events on). */
    edit: async (name, ref, value) => {
      const sheet = find(name);
      const p = parse(ref);
      sheet.cells.set(`${p.row},${p.col}`, { value });
      if (!runtime.enableEvents) return;
      for (const h of sheet.handlers)
        if (!h.removed && h.kind === "changed") await h.fn({ address: ref, worksheetId: name });
    },
  };
})();
