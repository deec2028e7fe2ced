from crosscluster.cli import main

main()
