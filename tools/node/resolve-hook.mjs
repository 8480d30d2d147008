// dt-sql-parser's ES modules import folders and files without extensions (bundler style); Node's resolver
// does not, so a failed resolution retries with "/index.js" and ".js".
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (!specifier.startsWith('.') || !['ERR_UNSUPPORTED_DIR_IMPORT', 'ERR_MODULE_NOT_FOUND'].includes(error.code)) throw error;
    for (const suffix of ['.js', '/index.js']) {
      try { return await next(specifier + suffix, context); } catch { /* next */ }
    }
    throw error;
  }
}
