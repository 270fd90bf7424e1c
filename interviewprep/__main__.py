from interviewprep.cli.app import main

main()
