/// The one style sheet of every page (served by ``Assets``).
///
/// Readable on a phone from 320 px: 17 px text, full-width fields, 44 px touch targets
/// (WCAG 2.2 §2.5.8), nothing wider than the screen (tables scroll inside
/// `.table-scroll`, long identifiers break anywhere except logins in table cells,
/// which the table scrolls instead), text contrast at least 4.5:1
/// (§1.4.3) and a focus ring that is always visible (§2.4.7). Print rules hide the
/// controls and lay slips out two per row with dashed cut lines.
///
/// Classes for page bodies: `.error` (an alert box), `.notice`, `.hint` (a note tied to
/// a field), `.field-error`, `.no-print`, `.slips`/`.slip`, `.secret` (monospace),
/// `.table-scroll` (wrap every table), `.qr`.
enum AssetStylesheet {
    static let text = """
        :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}
        *,*::before,*::after{box-sizing:border-box}
        body{margin:0;font-size:1.0625rem;overflow-wrap:break-word}
        [hidden]{display:none!important}
        .skip-link{position:absolute;left:.5rem;top:-4rem;padding:.6rem 1rem;background:#fff;color:#0b57d0;border:2px solid #0b57d0;border-radius:.375rem;z-index:10}
        .skip-link:focus{top:.5rem}
        .site-header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding:.25rem 1rem;border-bottom:1px solid #c4c4c4;background:#f5f7fb}
        .site-header .home{font-weight:700;font-size:1.125rem;text-decoration:none;color:#1a1a1a;display:inline-flex;align-items:center;min-height:2.75rem}
        .language-switch{display:flex;gap:.25rem;margin:0;padding:0;list-style:none}
        .language-switch a{display:inline-flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;padding:0 .5rem;border-radius:.375rem}
        .language-switch a[aria-current]{font-weight:700;text-decoration:none;color:#1a1a1a;background:#e3e8f1}
        main{display:block;max-width:40rem;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem;line-height:1.25}
        h2{font-size:1.25rem;line-height:1.3}
        a{color:#0b57d0}
        p a{display:inline-block;min-height:1.5rem}
        li{margin:.4rem 0}
        label{display:block;font-weight:600;margin-top:1rem}
        input,select,textarea,button{font:inherit;padding:.6rem .75rem;border:1px solid #6b6b6b;border-radius:.375rem;min-height:2.75rem;max-width:100%}
        input:not([type=checkbox]):not([type=radio]),select,textarea{width:100%}
        input[type=checkbox],input[type=radio]{min-height:1.5rem;width:1.5rem;height:1.5rem;vertical-align:middle}
        input[aria-invalid=true]{border:2px solid #b3261e}
        button{margin-top:1.25rem;background:#0b57d0;color:#fff;border-color:#0b57d0;cursor:pointer;min-width:2.75rem}
        button:hover{background:#0842a0}
        :focus-visible{outline:3px solid #b35c00;outline-offset:2px}
        .error,.notice{border-left:4px solid #b3261e;padding:.5rem .75rem;background:#fdecea}
        .notice{border-color:#0b57d0;background:#e8f0fe}
        .field-error{color:#b3261e;font-weight:600;margin:.25rem 0 0}
        .hint{margin:.25rem 0 0;padding:.25rem .5rem;border-left:4px solid #8a5300;background:#fff4e5;color:#5c3700}
        .table-scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:.4rem;border-bottom:1px solid #c4c4c4;vertical-align:top}
        code,.secret,.id,.digest{overflow-wrap:anywhere;word-break:break-word}
        td.secret{white-space:nowrap;overflow-wrap:normal;word-break:normal}
        .slip{border:1px dashed #6b6b6b;padding:1rem;margin:.5rem 0}
        .secret{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:1.2em;letter-spacing:.05em}
        .qr svg{width:100%;max-width:16rem;height:auto}
        img,svg{max-width:100%}
        @page{margin:10mm}
        @media print{body{font-size:11pt}main{max-width:none;padding:0}.site-header,.skip-link,.no-print,button,form{display:none}\
        .slips{display:grid;grid-template-columns:1fr 1fr}.slip{margin:0;padding:6mm;border:1px dashed #000;break-inside:avoid}}

        """
}
