from pilotage.cli import main

main()
