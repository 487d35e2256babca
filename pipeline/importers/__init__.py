"""`notes import`: bring notes in from WordPress, Jekyll, Hugo, Pelican, Eleventy, Lume or a folder of Markdown.

sources.py walks the SOURCE arguments and finds each file's site (sites.py:
its generator's settings file, read without running it); detect.py picks the
format for `--from auto`. Each source module (wordpress.py, and the flavours
jekyll.py, hugo.py, pelican.py, eleventy.py, lume.py, folder.py over the one
reader in reading.py) turns its files into neutral `Imported` records
(records.py); templates.py converts template tags, addresses.py reads
permalink patterns. plan.py decides what to do with each record against the
content already there (match authors, name files, point links at new places
and plan copies with links.py, find collisions and notes imported before),
write.py writes the plan, and report.py says what happened. run.py ties them
together for the CLI, and adds the imported notes' findings to the baseline.
"""
