"""``python -m airoles_kg``: the ``airoles-kg`` command line."""

from airoles_kg.cli import main

if __name__ == "__main__":
    main()
