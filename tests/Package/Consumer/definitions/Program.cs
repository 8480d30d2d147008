return Lakehouse.Rendering.GitOpsHost.Run(args, new Demo.DemoPlatform());
