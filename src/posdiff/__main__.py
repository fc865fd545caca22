from posdiff.cli import main

main()
