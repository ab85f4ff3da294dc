/// The site's stylesheet and script, written once under `assets/`.
enum Assets {
    static let stylesheet = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1f;--muted:#4f5563;--line:#c9ccd3;--panel:#f3f4f7;
        --link:#0b57d0;--error:#b3261e;--warning:#7a4f00;--info:#1f5f9e;--ok:#0b6b2e;--gap:#f9d8d6;--thin:#fde9b8;
        --h1:#d7ecd9;--h2:#a9d8b0;--h3:#6fbf7e;--curve:#0b57d0;--focus:#c2410c}
        @media (prefers-color-scheme:dark){:root{--bg:#16171b;--fg:#e8e9ed;--muted:#b3b8c4;--line:#3b3f4a;
        --panel:#22242a;--link:#8ab4f8;--error:#f2b8b5;--warning:#f5c66b;--info:#9cc7f5;--ok:#8fd6a1;--gap:#5c2320;
        --thin:#5a4712;--h1:#1d3b24;--h2:#25542f;--h3:#2f6e3d;--curve:#8ab4f8;--focus:#fdba74}}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
        "Noto Sans",sans-serif}
        a{color:var(--link)}
        a:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,
        [tabindex]:focus-visible,button:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        .skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem 1rem;z-index:2}
        .skip:focus{left:.5rem}
        header.site{background:var(--panel);border-bottom:1px solid var(--line);padding:.5rem 1rem}
        header.site nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        header.site .bank{font-weight:600;margin:0}
        main{max-width:72rem;margin:0 auto;padding:1rem}
        h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem;overflow-wrap:anywhere}
        h2{font-size:1.25rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line)}
        h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
        code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
        .scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:.25rem 0 1rem}
        caption{text-align:left;font-weight:600;padding:0 0 .25rem}
        th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:var(--panel)}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .grid-cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}
        .card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;background:var(--panel)}
        .card h3{margin-top:0}
        dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
        dl.meta dt{font-weight:600}
        dl.meta dd{margin:0;overflow-wrap:anywhere}
        .heat td{text-align:center;min-width:3.2rem}
        .heat a{display:block;color:var(--fg)}
        .heat .gap,.legend .gap{background:var(--gap)}
        .heat .thin,.legend .thin{background:var(--thin)}
        .heat .h1,.legend .h1{background:var(--h1)}
        .heat .h2,.legend .h2{background:var(--h2)}
        .heat .h3,.legend .h3{background:var(--h3)}
        .heat .closed{color:var(--muted)}
        .legend span{display:inline-block;padding:0 .5rem;margin-right:.5rem;border:1px solid var(--line)}
        .sev{font-weight:700;text-transform:uppercase;font-size:.8em}
        .sev-error{color:var(--error)}
        .sev-warning{color:var(--warning)}
        .sev-info{color:var(--info)}
        .diagnostics{list-style:none;padding:0}
        .diagnostics>li{border-left:4px solid var(--line);padding:.25rem .75rem;margin:0 0 1rem}
        .diagnostics>li.error{border-color:var(--error)}
        .diagnostics>li.warning{border-color:var(--warning)}
        .diagnostics>li.info{border-color:var(--info)}
        pre.excerpt{background:var(--panel);padding:.5rem;overflow-x:auto;margin:.25rem 0;line-height:1.35}
        pre.excerpt .here{font-weight:700}
        svg.chart{width:100%;max-width:24rem;height:auto;display:block}
        svg.chart .axis line{stroke:var(--muted);stroke-width:1}
        svg.chart .axis line.grid{stroke:var(--line);stroke-dasharray:2 3}
        svg.chart text{fill:var(--fg);font-size:11px}
        svg.chart .curve{fill:none;stroke:var(--curve);stroke-width:2}
        .item-frame{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1rem}
        .toggle{display:inline-flex;align-items:center;gap:.5rem;margin:0 0 .75rem;font-weight:600}
        .toggle input{width:1.25rem;height:1.25rem}
        .ib-item{max-width:48rem}
        .ib-stem{margin:0 0 1rem}
        .ib-stem p{margin:0 0 .75rem}
        .ib-illustration{margin:0 0 1rem}
        .ib-illustration img{max-width:100%;height:auto;background:#fff}
        .ib-choices{border:0;padding:0;margin:0 0 1rem}
        .ib-choices legend{font-weight:600;padding:0;margin:0 0 .5rem}
        .ib-choice{display:flex;gap:.5rem;align-items:baseline;padding:.25rem 0}
        .ib-embed{border:2px dashed var(--line);padding:1rem;margin:0 0 1rem;display:block;width:100%}
        .ib-timer,.ib-focus{color:var(--muted);font-size:.95em}
        input[type=text],select,textarea{font:inherit;max-width:100%;border:1px solid var(--muted);
        border-radius:.25rem;padding:.15rem .35rem;background:var(--bg);color:var(--fg)}
        .ib-key{display:none}
        body:has(#show-keys:checked) .ib-key{display:inline}
        body:has(#show-keys:checked) div.ib-key{display:block}
        body:has(#show-keys:checked) .ib-is-key{outline:2px solid var(--ok);outline-offset:2px}
        .ib-key,.ib-key q{color:var(--ok)}
        .ib-solution{border-top:1px solid var(--line);margin-top:1rem;padding-top:.5rem}
        .ib-solution-title{font-weight:700;margin:0}
        .ib-groups ol{margin:.25rem 0}
        .muted{color:var(--muted)}
        .search input{font:inherit;padding:.25rem .5rem;width:min(100%,24rem)}
        .search button{font:inherit}
        tr[hidden]{display:none}
        ul.inline{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
        footer{max-width:72rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.9em}
        @media (max-width:40rem){main{padding:.75rem}h1{font-size:1.35rem}dl.meta{grid-template-columns:1fr}
        dl.meta dd{margin-bottom:.5rem}}
        @media print{header.site,.skip,.search,.toggle,footer{display:none}body{background:#fff;color:#000;font-size:11pt}
        a{color:#000}main{max-width:none;padding:0}.card,.item-frame{break-inside:avoid;background:#fff}
        .ib-key{display:inline}div.ib-key{display:block}.heat .gap,.heat .thin,.heat .h1,.heat .h2,.heat .h3{
        print-color-adjust:exact;-webkit-print-color-adjust:exact}}

        """

    /// Filters the rows of the item list by id and stem; fills the box from `?q=`. Without JavaScript the
    /// whole list stays visible and the box is not shown.
    static let script = """
        (function () {
          "use strict";
          var box = document.getElementById("search");
          var rows = document.querySelectorAll("#item-list tbody tr");
          var status = document.getElementById("search-status");
          if (!box || !rows.length) { return; }
          document.getElementById("search-form").hidden = false;
          function fold(text) {
            return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
          }
          var texts = [];
          for (var i = 0; i < rows.length; i++) { texts.push(fold(rows[i].textContent)); }
          function apply() {
            var words = fold(box.value).split(/\\s+/).filter(function (w) { return w.length > 0; });
            var shown = 0;
            for (var i = 0; i < rows.length; i++) {
              var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
              rows[i].hidden = !hit;
              if (hit) { shown++; }
            }
            status.textContent = shown + " of " + rows.length + " items";
          }
          var query = new URLSearchParams(window.location.search).get("q");
          if (query) { box.value = query; }
          box.addEventListener("input", apply);
          document.getElementById("search-form").addEventListener("submit", function (e) { e.preventDefault(); apply(); });
          apply();
        })();

        """
}
