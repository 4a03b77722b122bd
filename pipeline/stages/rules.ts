// The cleaning rules moved into the clean stage's folder; this path stays for the modules that import it.
export * from "./clean/rules.js"
