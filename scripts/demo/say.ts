// Progress lines of `npm start`, told apart from the children's logs (which go to files).
export const say = (msg: string) => console.log(`[wspec] ${msg}`);
