"""`notes import`: bring notes in from WordPress, Jekyll, Hugo and Pelican.

Each source module (wordpress.py, jekyll.py, hugo.py, pelican.py) turns its
files into neutral `Imported` records (records.py); detect.py picks the module
for `--from auto`. plan.py decides what to do with each record against the
content already there (match authors, name files, find collisions and notes
imported before), write.py writes the plan as front matter and Markdown, and
report.py says what happened. run.py ties them together for the CLI.
"""
