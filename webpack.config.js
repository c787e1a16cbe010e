/* eslint-disable no-undef */
// webpack as in the `yo office` template. Today it builds the browser library of the file-based flows
// (core + xlsx reader/writer); the task pane entry joins it with the add-in.
const path = require("path");

module.exports = (env, options) => {
  const dev = options.mode === "development";
  return {
    devtool: dev ? "source-map" : false,
    entry: { "dabiao-browser": "./src/browser/library.ts" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      library: { name: "Dabiao", type: "umd" },
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } }],
    },
    performance: { hints: false },
  };
};
