using Lakehouse.Definitions;
using Lakehouse.Rendering;

// 'render' (the default) regenerates gitops/; 'check' fails with a diff when it has drifted.
return GitOpsHost.Run(args, new LakehousePlatform());
