from provincial.cli import main

raise SystemExit(main())
