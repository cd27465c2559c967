def home(r): pass
health=study=chapter=paper=author=tag=home
