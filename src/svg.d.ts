/** SVG files imported from code are bundled as their text (angular.json: loader ".svg": "text"). */
declare module '*.svg' {
  const text: string;
  export default text;
}
