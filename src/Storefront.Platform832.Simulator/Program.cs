using Storefront.Platform832.Simulator;

SimulatorApp.Build(args).Run();
