"""Benchmark the site build: `python3 -m bench [--help]`, run from the project root.

Measures, on this machine in one run (medians of several runs):

1. cold build: `python build.py --dist TMP` in a fresh process (interpreter start-up
   included), and the build alone in-process, with load (validate), render and write
   timed separately;
2. rebuild under `build.py serve` after one YAML edit and after one template edit,
   from the file write to the new page being served (against a copy of the project);
3. page weight of every HTML page of a fresh build (HTML, gzip, CSS/JS per page
   load, requests, render-blocking scripts, web fonts, section size vs its text);
4. the offline bundle (reportsite.bundle.build_bundle), when it exists;
5. scale: synthetic reports at 1x, 10x and 100x the real report, each built in a
   fresh process: wall time, peak RSS, pages, time per page;
6. reports: sites of 1, 2 and 26 reports (the real data for the number of reports it
   holds, synthetic copies of its report otherwise), measured as in 5;
7. the Hugo twin: a Hugo site made from our build, one page per page of ours holding
   the same visible text; our cold build and `hugo` timed in turn (ours, Hugo, ours,
   Hugo …), reported as a ratio (null with a reason when hugo is not installed);
8. the profile: import times, one build's steps (load, render, write) in a fresh
   process, and the same build under cProfile (Jinja's part, the top functions);
9. rebuilds: the cold build in one process and in one per processor, then `build.py`
   again with nothing changed, after editing one section and after editing one template.

Writes bench/results.json and prints Markdown tables to stdout (progress goes to
stderr). Everything is built in a temporary folder; the project is never modified.

Modules: run.py (the command line, the stages in order, cold and in-process builds,
the bundle), serve.py (stage 2), weight.py (stage 3), scale.py and synthetic.py
(stages 5 and 6), hugo.py (stage 7), profiling.py (stage 8),
rebuild.py (stage 9), tables.py (goals and
Markdown tables), measure.py (shared helpers: timing a child process, our cold build's
command, copying the project, the machine). The bench uses only the
package's public functions and tables: reportsite.site (Project, build, read_site,
render_site, check_published), reportsite.write.write_site,
reportsite.bundle.build_bundle, reportsite.pages (KINDS, page_url) and the path of the
built-in vocabulary (reportsite.vocab.BUILT_IN).
"""
