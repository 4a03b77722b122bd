// The clean stage lives in ./clean/ (index.ts reads like its README); this path stays for the modules that import it.
export * from "./clean/index.js"
